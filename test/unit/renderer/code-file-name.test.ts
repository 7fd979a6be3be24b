// Saved codes are named by kind, device and serial number, so no two look alike.
import { describe, expect, it } from 'vitest';
import { codeFileName } from '../../../renderer/lib/code-file-name.ts';

describe('codeFileName', () => {
  it('names the kind, the device and its serial number', () => {
    expect(codeFileName('request', 'cucm-pub-1', 'EDB16')).toBe('RequestCode_cucm-pub-1_EDB16.txt');
    expect(codeFileName('confirmation', 'Plant A / expwy edge', '0B070519')).toBe(
      'ConfirmationCode_Plant_A_expwy_edge_0B070519.txt',
    );
  });

  it('does not repeat a serial number the name already holds', () => {
    expect(codeFileName('return', 'UCM EDB16', 'EDB16')).toBe('ReturnCode_EDB16.txt');
    expect(codeFileName('authorization', 'UCM', 'EDB16')).toBe('AuthorizationCode_UCM_EDB16.txt');
  });
});
