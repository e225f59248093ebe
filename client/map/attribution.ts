// The data credits every map of the app shows: OpenStreetMap for streets, SCB for districts.
export const ATTRIBUTION = ['© OpenStreetMap contributors', 'Källa: SCB'];
