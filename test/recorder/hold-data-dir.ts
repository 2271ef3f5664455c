/**
 * Helper process for data-dir-lock.test.ts: opens a recorder on the folder given as argv[2],
 * prints "ready", and holds the folder until its stdin closes.
 */
import { createRecorder } from '../../recorder/src/index.js';

const dataDir = process.argv[2];
const spillDir = process.argv[3];
if (dataDir === undefined || spillDir === undefined) throw new Error('usage: hold-data-dir <dataDir> <spillDir>');
const recorder = createRecorder({ target: { kind: 'embedded', dataDir }, spillDir });
await recorder.ready();
console.log('ready');
process.stdin.resume();
process.stdin.on('end', () => {
  void recorder.close().then(() => process.exit(0));
});
