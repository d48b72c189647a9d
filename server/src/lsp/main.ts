/** The language server process: the server over the transport the client chose (IPC from VS Code, or --stdio). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, systemHost } from './server';

startServer(createConnection(ProposedFeatures.all), systemHost);
