import { describe, expect, it } from 'vitest';
import * as contract from '../../server/billing/contract.js';
import { EXPENSE_CATEGORIES } from '../../server/billing/books/fec.js';
import * as web from './constants';

describe('billing value lists of the web', () => {
  it('are the contract’s', () => {
    expect(web.SECTORS).toEqual(contract.SECTORS);
    expect(web.SPECIALTIES).toEqual(contract.SPECIALTIES);
    expect(web.PARCOURS).toEqual(contract.PARCOURS);
    expect(web.TIERS_PAYANT).toEqual(contract.TIERS_PAYANT);
    expect(web.EXPENSE_CATEGORIES).toEqual(EXPENSE_CATEGORIES);
  });
});
