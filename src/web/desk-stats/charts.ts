// chart.js: only the pieces the statistics page draws (bars and lines on category/linear axes, tooltip, legend).
import { BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Distinguishable colours with enough contrast on white (and distinct shapes where lines are used). */
export const COLOURS = {
  appointments: '#0b6b75',
  arrivals: '#2563eb',
  walkIns: '#b45309',
  noShows: '#b3261e',
  leftUnseen: '#6b21a8',
  median: '#0b6b75',
  p90: '#b45309',
  calls: '#475569',
};
