import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRootLogger, formatPretty, PinoNestLogger, prettyDestination } from './logging';
import { requestContext } from './request-context';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

describe('logging', () => {
  it('Nest lines become JSON with context, the request id inside a request, the stack of an error; credentials are redacted', () => {
    const out = capture();
    const nest = new PinoNestLogger(createRootLogger('debug', out.stream));
    nest.warn('outside', 'Ctx');
    requestContext.run({ reqId: 'r-1' }, () => nest.error('failed', 'Error: x\n    at f (a.js:1:1)', 'Ctx'));
    createRootLogger('info', out.stream).info({ password: 'hunter2', body: { refreshToken: 'rt-secret' }, req: { headers: { authorization: 'Bearer abc' } } }, 'creds');
    const lines = out.text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ level: 'warn', context: 'Ctx', msg: 'outside' });
    expect(lines[0]).not.toHaveProperty('reqId');
    expect(lines[1]).toMatchObject({ level: 'error', context: 'Ctx', reqId: 'r-1', msg: 'failed', stack: expect.stringContaining('at f (a.js:1:1)') });
    expect(out.text()).not.toMatch(/hunter2|rt-secret|Bearer abc/);
  });

  it("Nest's per-module boot lines only at debug", () => {
    const out = capture();
    const nest = new PinoNestLogger(createRootLogger('info', out.stream));
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('kept', 'Main');
    expect(out.text()).not.toContain('AppModule');
    expect(out.text()).toContain('kept');
  });

  it('pretty: one human line per entry with context, reqId, the other fields, and the stack below', () => {
    const line = JSON.stringify({ level: 'error', time: '2026-12-02T04:00:01.234Z', pid: 7, context: 'Api', reqId: 'r-9', msg: 'boom', statusCode: 500, stack: 'Error: boom\n    at x' });
    expect(formatPretty(line)).toBe('04:00:01.234 ERROR [Api] boom  reqId=r-9 statusCode=500\nError: boom\n    at x\n');
    expect(formatPretty('not json')).toBe('not json\n');
    const out = capture();
    createRootLogger('info', prettyDestination(out.stream)).info({ route: '/api/x' }, 'done');
    expect(out.text()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}done {2}route=\/api\/x\n$/);
  });
});
