// Pure part of contract acknowledgement: the form's questions, and what one answer means.
//
// A person who has no Google account acknowledges a contract through a Google Form that needs no
// sign-in. The link sent with the contract is pre-filled with the contract's DOC- ID and a one-time
// code kept only in the tracker's document properties, so the answer ties to that one contract and
// guessing another DOC- ID gets nothing.

export const ACKNOWLEDGEMENT_TITLES = {
  document: 'Document number',
  code: 'Code',
  agree: 'Have you read it?',
} as const;

export const AGREE_ANSWER = 'Yes, I have read it';

export const ACKNOWLEDGEMENT_FORM_TITLE = 'I have read my document';

/** The answer of one acknowledgement, as the form-submit trigger receives it (namedValues by title). */
export interface Acknowledgement {
  documentId: string;
  code: string;
  agreed: boolean;
}

/** The acknowledgement an answer holds, or null when the answer is from another form. */
export function acknowledgementIn(namedValues: Record<string, string[]>): Acknowledgement | null {
  const titles = Object.keys(namedValues);
  if (titles.indexOf(ACKNOWLEDGEMENT_TITLES.document) < 0 || titles.indexOf(ACKNOWLEDGEMENT_TITLES.code) < 0) return null;
  const first = (title: string): string => String((namedValues[title] ?? [''])[0] ?? '').trim();
  return {
    documentId: first(ACKNOWLEDGEMENT_TITLES.document).toUpperCase(),
    code: first(ACKNOWLEDGEMENT_TITLES.code),
    agreed: first(ACKNOWLEDGEMENT_TITLES.agree) === AGREE_ANSWER,
  };
}

/** The Contract status an acknowledgement leaves: a contract already Signed or Ended keeps its status. */
export function statusAfterAcknowledgement(current: string): string | null {
  const now = current.trim();
  return now === '' || now === 'None' || now === 'Drafted' ? 'Acknowledged' : null;
}
