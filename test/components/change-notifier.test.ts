import { expect, waitUntil } from '@open-wc/testing';
import { ChangeNotifier } from '../../src/sync/change-notifier.ts';

/**
 * The notifier's protocol against a scripted server (the real endpoint is covered by test/server/changes.test.ts
 * and, end to end, by every e2e test that syncs).
 */
describe('ChangeNotifier', () => {
  type Call = { dbs: Record<string, string | null> };
  function scripted(answers: Array<(call: Call) => Response | Promise<Response>>) {
    const calls: Call[] = [];
    const fetcher = async (_url: string, init: RequestInit): Promise<Response> => {
      const call = JSON.parse(String(init.body)) as Call;
      calls.push(call);
      const answer = answers.shift();
      if (!answer)
        return new Promise<Response>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      return answer(call);
    };
    return { calls, fetcher };
  }
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('asks once for every space watched together, then passes on the sequences it was given', async () => {
    const { calls, fetcher } = scripted([
      () => json({ seqs: { a: '1', b: '7' }, changed: ['a', 'b'] }),
      () => json({ seqs: { a: '2', b: '7' }, changed: ['a'] }),
    ]);
    const n = new ChangeNotifier('/api/changes', fetcher);
    const seen: string[] = [];
    const stopA = n.watch('a', () => seen.push('a'));
    const stopB = n.watch('b', () => seen.push('b'));
    await waitUntil(() => calls.length >= 3, 'three requests');
    expect(calls[0]).to.deep.equal({ dbs: { a: null, b: null } });
    expect(calls[1]).to.deep.equal({ dbs: { a: '1', b: '7' } });
    expect(calls[2]).to.deep.equal({ dbs: { a: '2', b: '7' } });
    expect(seen).to.deep.equal(['a', 'b', 'a']);
    stopA();
    stopB();
  });

  it('on 401 lets every space pull once, so each meets the refusal itself', async () => {
    const { calls, fetcher } = scripted([() => json({ error: 'unauthorized', reason: 'You are not signed in.' }, 401)]);
    const n = new ChangeNotifier('/api/changes', fetcher);
    const seen: string[] = [];
    const stops = ['a', 'b'].map((db) => n.watch(db, () => seen.push(db)));
    await waitUntil(() => seen.length === 2, 'both told');
    expect(seen.sort()).to.deep.equal(['a', 'b']);
    expect(calls).to.have.length(1);
    for (const stop of stops) stop();
  });
});
