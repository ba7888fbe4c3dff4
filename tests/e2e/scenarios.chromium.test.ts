import { launchChromium } from './browser-under-test';
import { sharedScenarios } from './scenarios';

sharedScenarios(launchChromium);
