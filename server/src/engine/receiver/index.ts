/** `runbooks serve`: Alertmanager's webhook opens an incident with its runbook and a read-only snapshot. */
export { parseNotification, alertKey, MAX_ALERTS, type Notification } from './payload';
export { receiverSettings, parseListen, isLoopback, DEFAULT_LISTEN, DEFAULT_KILL_SWITCH, type ReceiverSettings } from './settings';
export { eventsFor, incidentTitle, openingSeverity, RECEIVER_ACTOR } from './events';
export { AlertReceiver, type ReceiveOutcome, type OpenedIncident, type ReceiverDeps } from './receive';
export { runbooksForAlert } from './runbooks';
export { takeSnapshot, fillFromLabels, type DecideStep, type SnapshotReport } from './snapshot';
export { ReceiverServer, type LogLine, type ReceiverServerOptions } from './http';
