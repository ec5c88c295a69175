// The contract's value lists, repeated here because the web bundle must not import server modules (only their
// types); billing-constants.test.ts checks that they stay equal to src/server/billing/contract.ts.
export const SECTORS = ['1', '2', '2_optam'] as const;
export const SPECIALTIES = ['general_practice', 'paediatrics', 'cardiology', 'dermatology', 'gynaecology', 'psychiatry', 'ophthalmology', 'dentistry', 'other'] as const;
export const PARCOURS = ['medecin_traitant', 'referred', 'direct_access', 'exception', 'outside', 'no_medecin_traitant_declared'] as const;
export const TIERS_PAYANT = ['none', 'amo', 'amo_amc'] as const;
export const EXPENSE_CATEGORIES = ['purchases', 'rent', 'staff', 'social_charges', 'taxes', 'small_equipment', 'fees', 'travel', 'telecom', 'insurance', 'training', 'bank_fees', 'other'] as const;
export const EXPENSE_MEANS = ['transfer', 'direct_debit', 'card', 'cheque', 'cash'] as const;
