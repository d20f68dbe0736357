import { Hono } from 'hono';
import { findProcessorSettings, saveProcessorSettings, serializeProcessorSettings } from '../payments/processorSettings';
import type { Database } from '../store/Database';
import { readJsonBody } from '../validation';
import type { MerchantEnv } from './merchantAuth';

/** `/v1/processor_settings`: who takes the payments of the calling key's mode. */
export function processorSettingsApi(db: Database, publicUrl: string, encryptionKey: Buffer | undefined) {
  return new Hono<MerchantEnv>()
    .get('/processor_settings', async (c) => {
      const merchantId = c.get('merchantId');
      return c.json(serializeProcessorSettings(merchantId, await findProcessorSettings(db, merchantId), publicUrl));
    })
    .post('/processor_settings', async (c) => {
      const merchantId = c.get('merchantId');
      const saved = await saveProcessorSettings(db, merchantId, await readJsonBody(c), encryptionKey);
      return c.json(serializeProcessorSettings(merchantId, saved, publicUrl));
    });
}
