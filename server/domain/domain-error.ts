// A rule of the domain was broken by otherwise well-formed input (mapped to 422 at the edge).

export class DomainError extends Error {
  constructor(
    readonly code: string,
    detail: string,
    readonly path?: string,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}
