// The whole page when the app cannot reach the engine: no token in the URL, or the bridge refused.
export function ConnectionFailure({ reason, detail }: { reason: 'no_token' | 'refused'; detail: string }) {
  return (
    <div className="full-page" data-testid="connection-failure" data-reason={reason}>
      <div className="full-page-box">
        <div className="brand big">
          <span className="brand-mark" aria-hidden="true">◆</span> Keel
        </div>
        <h1>{reason === 'no_token' ? 'Access token needed' : 'Cannot reach Keel'}</h1>
        <p>
          Open the URL that <code>keel serve</code> printed; it carries the access token.
        </p>
        <p className="muted">{detail}</p>
        <pre className="command">
          $ keel serve{'\n'}Keel is running at http://127.0.0.1:PORT/?token=…
        </pre>
      </div>
    </div>
  );
}
