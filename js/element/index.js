// @ts-check
// sealcard/element (npm) and dist/element.js (script tag): defines <sealcard-card> on import.
import { defineSealCardElement } from './element.js';

defineSealCardElement();
