// MapLibre's own control texts (zoom buttons, credits toggle, the two-finger hint) in the page's
// language: given to the map as its `locale`, so a screen reader on a Swedish page hears Swedish.
import type { Lang } from './messages.ts';

const sv: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Visa eller dölj källor',
  'Map.Title': 'Karta',
  'Marker.Title': 'Kartmarkering',
  'NavigationControl.ResetBearing': 'Dra för att vrida kartan, klicka för norr uppåt',
  'NavigationControl.ZoomIn': 'Zooma in',
  'NavigationControl.ZoomOut': 'Zooma ut',
  'Popup.Close': 'Stäng',
  'CooperativeGesturesHandler.WindowsHelpText': 'Håll Ctrl och scrolla för att zooma kartan',
  'CooperativeGesturesHandler.MacHelpText': 'Håll ⌘ och scrolla för att zooma kartan',
  'CooperativeGesturesHandler.MobileHelpText': 'Flytta kartan med två fingrar',
};

const en: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Show or hide credits',
  'Map.Title': 'Map',
  'Marker.Title': 'Map marker',
  'NavigationControl.ResetBearing': 'Drag to rotate the map, click to reset north',
  'NavigationControl.ZoomIn': 'Zoom in',
  'NavigationControl.ZoomOut': 'Zoom out',
  'Popup.Close': 'Close',
  'CooperativeGesturesHandler.WindowsHelpText': 'Hold Ctrl and scroll to zoom the map',
  'CooperativeGesturesHandler.MacHelpText': 'Hold ⌘ and scroll to zoom the map',
  'CooperativeGesturesHandler.MobileHelpText': 'Move the map with two fingers',
};

export function mapControlLocale(lang: Lang): Record<string, string> {
  return lang === 'en' ? en : sv;
}
