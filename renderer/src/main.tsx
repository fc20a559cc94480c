// Entry point: find the Api, then render the terminal, or a full-page message when there is no way in.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.tsx';
import { getApi } from './api/get-api.ts';
import { App } from './app/App.tsx';
import { ConnectionFailure } from './app/ConnectionFailure.tsx';
import { useConnection } from './state/connection-store.ts';
import './styles/theme.css';
import './styles/layout.css';
import './styles/panels.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);
root.render(<div className="full-page muted">Connecting to Keel…</div>);

const connection = await getApi();
if (!connection.ok) {
  root.render(<ConnectionFailure reason={connection.reason} detail={connection.detail} />);
} else {
  useConnection.setState({ shell: connection.shell, status: 'connected' });
  connection.onClose((reason) => useConnection.setState({ status: 'closed', closeReason: reason }));
  root.render(
    <StrictMode>
      <ApiProvider api={connection.api}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}
