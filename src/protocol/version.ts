/** Every message carries both, so a page's unrelated postMessage traffic is never mistaken for ours. */
export const NAMESPACE = 'till-checkout';
export const PROTOCOL_VERSION = 1;
