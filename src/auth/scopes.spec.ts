import { loadEnv, trustProxyOf } from '../config/env';
import { parseApiKeys, parseKeyGrants } from './scopes';

const K = (n: number) => `key-${n}-0123456789abcdef`;

describe('API_KEYS', () => {
  it('reads plain scope:key pairs as before', () => {
    expect(parseApiKeys(`ingest:${K(1)}, read:${K(1)},admin:${K(2)}`)).toEqual(
      new Map([
        [K(1), new Set(['ingest', 'read'])],
        [K(2), new Set(['admin'])],
      ]),
    );
  });

  it('binds an ingest key to one or more sources', () => {
    const grants = parseKeyGrants(`ingest@netcall:${K(1)},ingest@netcall+civica:${K(2)},read:${K(2)}`);
    expect(grants.get(K(1))).toEqual({ scopes: new Set(['ingest']), sources: new Set(['netcall']) });
    expect(grants.get(K(2))).toEqual({ scopes: new Set(['ingest', 'read']), sources: new Set(['netcall', 'civica']) });
  });

  it('leaves a key unbound when it also has an unbound ingest or admin entry', () => {
    expect(parseKeyGrants(`ingest@netcall:${K(1)},ingest:${K(1)}`).get(K(1))?.sources).toBeUndefined();
    expect(parseKeyGrants(`ingest@netcall:${K(1)},admin:${K(1)}`).get(K(1))?.sources).toBeUndefined();
  });

  it('is validated at start-up in both forms, naming the variable only', () => {
    expect(loadEnv({ API_KEYS: `ingest@netcall+civica:${K(1)},read:${K(2)}` }).API_KEYS).toBeDefined();
    for (const bad of [`read@netcall:${K(1)}`, `ingest@Netcall:${K(1)}`, `ingest@:${K(1)}`, 'ingest:short']) {
      expect(() => loadEnv({ API_KEYS: bad })).toThrow(/API_KEYS must be/);
      expect(() => loadEnv({ API_KEYS: bad })).not.toThrow(new RegExp(bad.split(':')[1]));
    }
  });
});

describe('TRUST_PROXY and CORS_ORIGINS', () => {
  it('maps TRUST_PROXY onto express trust proxy values', () => {
    expect(trustProxyOf(undefined).value).toBe(false);
    expect(trustProxyOf('false').value).toBe(false);
    expect(trustProxyOf('2').value).toBe(2);
    expect(trustProxyOf('loopback, 10.0.0.0/8,fd00::/8').value).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it('refuses what is not an address, subnet or preset', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', 'fd00::/129']) {
      expect(() => loadEnv({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be/);
    }
  });

  it('takes a list of origins and refuses paths and wildcards', () => {
    expect(loadEnv({ CORS_ORIGINS: 'https://a.example.gov.uk, http://localhost:8080' }).CORS_ORIGINS).toBeDefined();
    for (const bad of ['*', 'https://a.example/path', 'a.example']) expect(() => loadEnv({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS must be/);
  });
});
