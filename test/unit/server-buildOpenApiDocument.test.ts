import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiRoutes } from '../../src/protocol/api/ApiRoute';
import { buildOpenApiDocument } from '../../src/server/openapi/buildOpenApiDocument';

// A small table, so how routes become the document is tested apart from which routes the server has.
const gadget = z.strictObject({ id: z.string().describe('Its id.'), size: z.number().int().default(1) }).meta({ id: 'TestGadget' });
const routes = {
  createGadget: {
    method: 'post', path: '/v1/gadgets', auth: 'api_key', tag: 'Gadgets', summary: 'Create a gadget',
    body: z.strictObject({ size: z.number().int().min(1).default(1).describe('How big.'), part: gadget.optional() }),
    response: { status: 201, body: gadget }, errors: ['price_in_use'],
  },
  getGadget: {
    method: 'get', path: '/v1/gadgets/{id}', auth: 'api_key', tag: 'Gadgets', summary: 'Get a gadget',
    params: z.object({ id: z.string().describe('The gadget’s id.') }), response: { status: 200, body: gadget }, errors: ['resource_missing'],
  },
  listGadgets: {
    method: 'get', path: '/v1/gadgets', auth: 'api_key', tag: 'Gadgets', summary: 'List gadgets',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(10).describe('How many.'), cursor: z.string().optional() }),
    response: { status: 200, body: z.strictObject({ data: z.array(gadget) }) }, errors: [],
  },
  viewGadget: { method: 'get', path: '/api/gadget', auth: 'session_secret', tag: 'App', summary: 'The app’s view', response: { status: 200, body: gadget }, errors: ['session_expired'] },
} satisfies ApiRoutes;

const document = buildOpenApiDocument(routes, 'https://till.example.com/') as any;

describe('buildOpenApiDocument', () => {
  it('makes a document a real OpenAPI 3.1 validator accepts', async () => {
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'https://till.example.com' }]);
  });

  it('names each route by its operationId, under its path and method', () => {
    expect(document.paths['/v1/gadgets'].post.operationId).toBe('createGadget');
    expect(document.paths['/v1/gadgets'].get.operationId).toBe('listGadgets');
    expect(document.paths['/v1/gadgets/{id}'].get.operationId).toBe('getGadget');
  });

  it('describes path and query parameters, required or not, with their descriptions', () => {
    expect(document.paths['/v1/gadgets/{id}'].get.parameters).toEqual([{ name: 'id', in: 'path', required: true, description: 'The gadget’s id.', schema: { type: 'string' } }]);
    const [limit, cursor] = document.paths['/v1/gadgets'].get.parameters;
    expect(limit).toMatchObject({ name: 'limit', in: 'query', required: false, description: 'How many.', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } });
    expect(cursor).toMatchObject({ name: 'cursor', in: 'query', required: false });
  });

  it('takes a merchant POST’s Idempotency-Key header, and no other route’s', () => {
    expect(document.paths['/v1/gadgets'].post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(document.paths['/v1/gadgets'].get.parameters).not.toContainEqual(expect.objectContaining({ name: 'Idempotency-Key' }));
  });

  it('describes a body as the server reads it and a response as it sends it, named parts as components', () => {
    const body = document.paths['/v1/gadgets'].post.requestBody.content['application/json'].schema;
    expect(body.required ?? []).not.toContain('size');
    expect(body.properties.part).toEqual({ $ref: '#/components/schemas/TestGadgetInput' });
    expect(document.paths['/v1/gadgets'].post.responses[201].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TestGadget' });
    expect(document.components.schemas.TestGadget.required).toEqual(['id', 'size']);
    expect(document.components.schemas.TestGadgetInput.required).toEqual(['id']);
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
  });

  it('lists every error code a route may answer, by status, in the one envelope', () => {
    const { responses } = document.paths['/v1/gadgets/{id}'].get;
    expect(responses[404].description).toContain('`resource_missing`');
    expect(responses[401].description).toContain('`invalid_api_key`');
    expect(responses[429].headers['Retry-After']).toBeDefined();
    expect(responses[404].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(document.components.schemas.Error.properties.error.properties.code.enum).toContain('resource_missing');
    expect(document.paths['/v1/gadgets'].post.responses[409].description).toContain('`idempotency_key_reused`');
  });

  it('says how each route is authenticated', () => {
    expect(document.paths['/v1/gadgets'].get.security).toEqual([{ api_key: [] }]);
    expect(document.paths['/api/gadget'].get.security).toEqual([{ session_secret: [] }]);
    expect(document.paths['/api/gadget'].get.responses[401].description).toContain('`invalid_session_secret`');
    expect(Object.keys(document.components.securitySchemes)).toEqual(['api_key', 'session_secret']);
  });
});
