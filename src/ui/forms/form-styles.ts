import { css } from 'lit';

/*
 * Styles every form of the app shares (document and task pages, step forms, the notice dialog), kept here so the
 * forms of the three features stop each carrying a copy. Compose after `sharedStyles`.
 */

/** One column of fields, then the offline note, the button row (`.actions` or `.buttons`) and the error box, hidden while empty. */
export const formStyles = css`
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--dk-space-4);
  }
  .actions,
  .buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--dk-space-2);
  }
  .note {
    margin: 0;
    color: var(--dk-color-text-muted);
    font-size: var(--dk-font-size-sm);
  }
  .form-error:empty {
    display: none;
  }
`;
