import { expect } from '@open-wc/testing';
import { t, registerMessages, setLocale } from '../../src/i18n/i18n.ts';

describe('i18n', () => {
  it('falls back to Vietnamese and fills placeholders', () => {
    registerMessages({ vi: { 'x.hello': 'Xin chào {name}' }, en: { 'x.hello': 'Hello {name}' }, ar: {} });
    setLocale('ar');
    expect(t('x.hello', { name: 'An' })).to.equal('Xin chào An');
    expect(document.documentElement.dir).to.equal('rtl');
    setLocale('en');
    expect(t('x.hello', { name: 'An' })).to.equal('Hello An');
    setLocale('vi');
  });
});
