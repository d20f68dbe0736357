import { describe, expect, it } from 'vitest';
import {
  createMessage,
  isCheckoutMessage,
  isCheckoutToLoaderMessage,
  isConnect,
  isInit,
  isMessageOfType,
  NAMESPACE,
  PROTOCOL_VERSION,
} from '../../src/protocol';

const valid = {
  hello: createMessage('hello', { checkoutSessionId: 'cs_test_1' }),
  connect: createMessage('connect', {}),
  init: createMessage('init', { secret: 'css_test_x', appearance: { theme: 'dark' }, modal: false }),
  ready: createMessage('ready', { checkoutSessionId: 'cs_test_1', checkoutMode: 'subscription' }),
  step: createMessage('step', { step: 'processing' }),
  resize: createMessage('resize', { height: 420 }),
  success: createMessage('success', {
    checkoutSessionId: 'cs_test_1',
    connectionId: 'con_test_1',
    checkoutMode: 'credit_bundle',
    subscriptionId: null,
    creditsAdded: '5.00',
  }),
  pending: createMessage('pending', { checkoutSessionId: 'cs_test_1' }),
  failure: createMessage('failure', { checkoutSessionId: 'cs_test_1', code: 'session_expired', message: 'Expired.' }),
  close: createMessage('close', {}),
};

describe('protocol guards', () => {
  it.each(Object.entries(valid))('accepts a well-formed %s message', (type, message) => {
    expect(isCheckoutMessage(message)).toBe(true);
    expect(isMessageOfType(message, type as keyof typeof valid)).toBe(true);
  });

  it('accepts an init from a loader older than the modal field', () => {
    const { modal: _, ...fromOlderLoader } = valid.init;
    expect(isMessageOfType(fromOlderLoader, 'init')).toBe(true);
  });

  it('stamps every message with the namespace and version', () => {
    expect(valid.close).toEqual({ ns: NAMESPACE, v: PROTOCOL_VERSION, type: 'close' });
  });

  it.each([
    ['null', null],
    ['a string', 'success'],
    ['another namespace', { ...valid.success, ns: 'polar' }],
    ['another version', { ...valid.success, v: PROTOCOL_VERSION + 1 }],
    ['an unknown type', { ...valid.close, type: 'pwned' }],
    ['an inherited type name', { ...valid.close, type: 'toString' }],
    ['a success without a connection', { ...valid.success, connectionId: undefined }],
    ['a success with an unknown mode', { ...valid.success, checkoutMode: 'free' }],
    ['a hello with an empty session id', { ...valid.hello, checkoutSessionId: '' }],
    ['an init without a secret', { ...valid.init, secret: 1 }],
    ['a failure with an unknown code', { ...valid.failure, code: 'teapot' }],
    ['a pending without its session', { ...valid.pending, checkoutSessionId: undefined }],
    ['an init without appearance', { ...valid.init, appearance: undefined }],
    ['an init whose modal is not a boolean', { ...valid.init, modal: 'yes' }],
    ['an unknown step', { ...valid.step, step: 'hacking' }],
    ['a resize with a string height', { ...valid.resize, height: '9999' }],
    ['a success whose subscription id is a number', { ...valid.success, subscriptionId: 7 }],
    ['a success without the credits added', { ...valid.success, creditsAdded: undefined }],
    ['a type that only reads as one', { ...valid.success, type: ['success'] }],
  ])('rejects %s', (_, value) => {
    expect(isCheckoutMessage(value)).toBe(false);
  });

  it('tells messages of one type from another', () => {
    expect(isMessageOfType(valid.hello, 'success')).toBe(false);
  });

  it('lets the loader receive only what the checkout app may send it', () => {
    expect(Object.keys(valid).filter((type) => isCheckoutToLoaderMessage(valid[type as keyof typeof valid]))).toEqual([
      'ready',
      'step',
      'resize',
      'success',
      'pending',
      'failure',
      'close',
    ]);
    // A type that only reads as one of them: the loader would take ['success'] for a success.
    expect(isCheckoutToLoaderMessage({ ...valid.success, type: ['success'] })).toBe(false);
  });

  it('lets the checkout app take a connect and an init as the full guards would, and nothing else as them', () => {
    const { modal: _, ...fromOlderLoader } = valid.init;
    const inits = [valid.init, fromOlderLoader, { ...valid.init, secret: 1 }, { ...valid.init, appearance: undefined }, { ...valid.init, modal: 'yes' }, { ...valid.init, v: PROTOCOL_VERSION + 1 }];
    expect(inits.map(isInit)).toEqual(inits.map((value) => isMessageOfType(value, 'init')));
    expect(Object.keys(valid).filter((type) => isInit(valid[type as keyof typeof valid]))).toEqual(['init']);
    expect(Object.keys(valid).filter((type) => isConnect(valid[type as keyof typeof valid]))).toEqual(['connect']);
    expect(isConnect({ ...valid.connect, ns: 'polar' })).toBe(false);
  });
});
