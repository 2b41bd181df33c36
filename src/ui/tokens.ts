import { css, unsafeCSS } from 'lit';

/**
 * Design tokens: the one place where colours, spacing, type and radii are defined. They are set on
 * `:root` (see `installTokens`) and inherited through every shadow root as CSS custom properties.
 * Colours are chosen for WCAG AA contrast on their intended backgrounds (text ≥ 4.5:1).
 */
export const tokens = css`
  :root {
    /* Brand: a deep civic blue with a seal red, used sparingly. */
    --dk-color-primary: #1d4e89; /* on white: 8.4:1 */
    --dk-color-primary-hover: #163d6c;
    --dk-color-primary-soft: #e7eef7;
    --dk-color-on-primary: #ffffff;
    --dk-color-accent: #b42318; /* seal red; on white: 6.6:1 */
    --dk-color-accent-soft: #fdecea;

    --dk-color-bg: #f4f6f9;
    --dk-color-surface: #ffffff;
    --dk-color-surface-muted: #f0f2f5;
    --dk-color-border: #d3d9e1;
    --dk-color-border-strong: #8b95a3;
    --dk-color-text: #17202b;
    --dk-color-text-muted: #4f5b69; /* on white: 6.9:1; on bg: 6.3:1 */
    --dk-color-success: #1b6b3a;
    --dk-color-success-soft: #e6f4ea;
    --dk-color-warning: #8a5100;
    --dk-color-warning-soft: #fff4e0;
    --dk-color-danger: #b42318;
    --dk-color-danger-soft: #fdecea;
    --dk-color-focus: #1b64d1;
    --dk-color-skeleton: #e3e7ec;

    --dk-font-family:
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', Tahoma, 'Helvetica Neue', Arial, 'DejaVu Sans',
      sans-serif;
    --dk-font-size-xs: 0.75rem;
    --dk-font-size-sm: 0.875rem;
    --dk-font-size-md: 1rem;
    --dk-font-size-lg: 1.125rem;
    --dk-font-size-xl: 1.375rem;
    --dk-line-height: 1.5;

    --dk-space-1: 0.25rem;
    --dk-space-2: 0.5rem;
    --dk-space-3: 0.75rem;
    --dk-space-4: 1rem;
    --dk-space-5: 1.5rem;
    --dk-space-6: 2rem;

    --dk-radius-sm: 4px;
    --dk-radius-md: 8px;
    --dk-radius-lg: 12px;
    --dk-shadow-1: 0 1px 2px rgb(16 24 40 / 8%), 0 1px 3px rgb(16 24 40 / 6%);
    --dk-shadow-2: 0 8px 24px rgb(16 24 40 / 16%);

    --dk-touch-target: 44px;
    --dk-topbar-height: 56px;
    --dk-rail-width: 232px;
    --dk-bottombar-height: 64px;
    --dk-content-max: 960px;
  }
`;

/** Puts the tokens and a few document-level rules on the page (once, from `main.ts`). */
export function installTokens(doc: Document = document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    `${tokens.cssText}
    html { background: var(--dk-color-bg); color: var(--dk-color-text); font-family: var(--dk-font-family);
      font-size: 100%; line-height: var(--dk-line-height); -webkit-text-size-adjust: 100%; }
    body { margin: 0; min-height: 100vh; min-height: 100dvh; }`,
  );
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

/** For tests and isolated elements: the tokens as a `:host` block. */
export const hostTokens = unsafeCSS(tokens.cssText.replace(':root', ':host'));
