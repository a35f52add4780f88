/**
 * uPlot and its stylesheet, loaded only when a chart is first drawn: it measures the screen as
 * soon as it loads (matchMedia), and most sessions never open a metered bill.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export { uPlot };
