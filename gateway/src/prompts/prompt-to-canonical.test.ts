import { describe, expect, it } from 'vitest';
import { promptMessagesToCanonical } from './prompt-to-canonical.js';

describe('promptMessagesToCanonical', () => {
  it('hoists system messages and turns the rest into text parts', () => {
    expect(
      promptMessagesToCanonical([
        { role: 'system', content: 'A' },
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'B' },
        { role: 'assistant', content: 'hello' },
      ]),
    ).toEqual({
      system: 'A\n\nB',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
      ],
    });
    expect(promptMessagesToCanonical([{ role: 'user', content: 'x' }])).not.toHaveProperty('system');
  });
});
