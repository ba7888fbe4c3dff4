import { launchFirefox } from './firefox';
import { sharedScenarios } from './scenarios';

sharedScenarios(launchFirefox);
