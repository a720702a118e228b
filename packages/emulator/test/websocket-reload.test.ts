// A reload (what `watch` does on each synth) keeps a WebSocket API's port; open connections end
// with 1001, and new ones are served by the new assembly.
import { emulate } from 'cdk-apigatewayv2-emulator';
import { openTestSocket } from 'cdk-apigatewayv2-emulator/jest';
import { synth } from './util';
import { buildWebSocketApp } from './websocket-app';

test('reload: connections close with 1001, the URL stays, new connections are served', async () => {
  const emulator = await emulate({ assembly: synth(buildWebSocketApp) });
  try {
    const url = emulator.url('Chat', 'prod');
    const before = await openTestSocket(`${url}?token=ann`);
    await emulator.reload();
    expect((await before.closed).code).toBe(1001);
    expect(emulator.url('Chat', 'prod')).toBe(url);
    const after = await openTestSocket(`${url}?token=ann`);
    after.send(JSON.stringify({ action: 'echo', text: 'after the reload' }));
    expect(await after.next()).toBe('after the reload');
    await after.close();
  } finally {
    await emulator.close();
  }
});
