/** KL explorer (Problem 2) — placeholder until src/divergences lands. */
export function startKl(app: HTMLElement): void {
  app.textContent = "KL explorer: waiting for the divergences library.";
}
