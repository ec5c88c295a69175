import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormActions } from './FormActions';

// The forms moved to FormActions must keep their markup (the e2e tests find the buttons by test id and role).
describe('FormActions', () => {
  // No i18next instance here: react-i18next's `t` answers the key, so Cancel reads `common.cancel`.
  it('renders the error, the success message, the submit button disabled while busy, and Cancel', () => {
    const html = renderToStaticMarkup(h(FormActions, { error: 'Refusé', success: 'Enregistré', busy: true, tone: 'danger', submitLabel: 'Désactiver', submitTestId: 'x-submit', onCancel: () => undefined }));
    expect(html).toBe(
      '<div class="alert alert-error" role="alert">Refusé</div><div class="alert alert-success" role="status">Enregistré</div>'
      + '<div class="button-row"><button type="submit" class="button button-danger" disabled="" data-testid="x-submit">Désactiver</button>'
      + '<button type="button" class="button">common.cancel</button></div>',
    );
  });

  it('shows neither message nor Cancel when there is none, and an enabled primary button', () => {
    const html = renderToStaticMarkup(h(FormActions, { error: null, success: false, submitLabel: 'Enregistrer', submitTestId: 'x' }));
    expect(html).toBe('<div class="button-row"><button type="submit" class="button button-primary" data-testid="x">Enregistrer</button></div>');
  });
});
