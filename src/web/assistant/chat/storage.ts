// The web-chat conversation token, kept per practice for the browser tab only (sessionStorage).
const key = (practice: string) => `pivot.assistant.chat.${practice}`;

export function loadToken(practice: string): string | null {
  try {
    return sessionStorage.getItem(key(practice));
  } catch {
    return null;
  }
}

export function saveToken(practice: string, token: string | null): void {
  try {
    if (token) sessionStorage.setItem(key(practice), token);
    else sessionStorage.removeItem(key(practice));
  } catch {
    /* storage unavailable (private mode, blocked third-party storage): the conversation lasts as long as the page */
  }
}
