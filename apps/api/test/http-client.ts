import { request as httpRequest } from 'node:http';
import { httpVerbs, type RequestOptions, type TestHttp, type TestResponse } from './harness';

/** What the ticket helpers need of a target: its HTTP client (a TestApp, or a real server below). */
export interface HttpTarget {
  http: TestHttp;
  login(username: string, password?: string): Promise<string>;
}

type Method = Parameters<TestHttp['request']>[0];

/**
 * The harness's TestHttp over a real socket, for API processes and the proxy in front of them.
 * `localAddress` picks the client's source address (127.0.0.2 is loopback too on Linux), so a test
 * can tell the client's address from the proxy's.
 */
export function httpTarget(baseUrl: string, options: { localAddress?: string } = {}): HttpTarget {
  async function request<T>(method: Method, url: string, opts: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    // A string or Buffer (a multipart upload) is sent as is; anything else as JSON.
    let payload: string | Buffer | undefined;
    if (typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) {
      payload = opts.body;
    } else if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const target = new URL(withQuery(url, opts.query), baseUrl);
    return new Promise((done, fail) => {
      const req = httpRequest(target, { method, headers, localAddress: options.localAddress, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          const json = String(res.headers['content-type'] ?? '').includes('json') && text.length > 0;
          try {
            done({ status: res.statusCode ?? 0, body: (json ? JSON.parse(text) : text) as T, headers: res.headers, text });
          } catch (error) {
            fail(error);
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${target.href} timed out`)));
      req.on('error', fail);
      req.end(payload);
    });
  }

  const http = httpVerbs(request);
  const tokens = new Map<string, string>();
  return {
    http,
    async login(username: string, password = 'demo'): Promise<string> {
      const key = `${username}\u0000${password}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const res = await http.post<{ accessToken?: string }>('/api/auth/login', { body: { username, password } });
      if (res.status !== 200 || !res.body.accessToken) throw new Error(`login as ${username} at ${baseUrl} failed: ${res.status} ${res.text}`);
      tokens.set(key, res.body.accessToken);
      return res.body.accessToken;
    },
  };
}

function withQuery(url: string, query: RequestOptions['query']): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}
