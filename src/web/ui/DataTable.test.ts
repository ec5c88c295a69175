import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable } from './DataTable';

// The screens' tables moved to DataTable must keep their markup to the letter (the e2e tests and axe read it).
describe('DataTable', () => {
  it('renders the wrapper, the hidden caption, the header row and the rows as the screens wrote them by hand', () => {
    const html = renderToStaticMarkup(
      h(DataTable, { caption: 'Équipe', columns: ['Nom', { label: 'Montant', className: 'num' }, { label: 'Actions', hidden: true }], testId: 'staff-table', children: h('tr', null, h('td', null, 'a')) }),
    );
    expect(html).toBe(
      '<div class="table-wrap"><table class="table" data-testid="staff-table"><caption class="visually-hidden">Équipe</caption>'
      + '<thead><tr><th scope="col">Nom</th><th scope="col" class="num">Montant</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>'
      + '<tbody><tr><td>a</td></tr></tbody></table></div>',
    );
  });

  it('can stand bare, with a visible caption, another class and table attributes, or no caption', () => {
    const html = renderToStaticMarkup(
      h(DataTable, { wrap: false, className: 'table table-dense', caption: 'Écarts', captionClassName: 'insi-caption', columns: ['Trait'], 'aria-labelledby': 'x', children: null }),
    );
    expect(html).toBe('<table class="table table-dense" aria-labelledby="x"><caption class="insi-caption">Écarts</caption><thead><tr><th scope="col">Trait</th></tr></thead><tbody></tbody></table>');
    expect(renderToStaticMarkup(h(DataTable, { columns: ['A'], children: null }))).not.toContain('<caption');
  });
});
