export interface ServerConfig {
  port: number;
  /** The `base` inside every token: where loaders find the checkout. Always ends with `/`. */
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  apiKey?: string;
  shopPort: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  const publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${port}/`).href;
  return {
    port,
    publicUrl: publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`,
    dataDir: env.DATA_DIR ?? '.till-data',
    databaseUrl: env.DATABASE_URL || undefined,
    apiKey: env.TILL_API_KEY || undefined,
    shopPort: Number(env.SHOP_PORT ?? 4000),
  };
}
