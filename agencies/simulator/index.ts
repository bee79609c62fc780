export { createSimulator, type Simulator, type SimulatorOptions } from './create-simulator';
export { readSimulatorEnv, type SimulatorSettings } from './env';
export { startSimulatorServer, type RunningSimulator } from './server';
export { faultKinds, faultSchema, type FaultKind, type FaultRequest } from './faults';
export type { ReplyStep } from './reply-periods';
export type { CallbackDelivery, Filing, ReceivedRequest, SimulatorState } from './state';
