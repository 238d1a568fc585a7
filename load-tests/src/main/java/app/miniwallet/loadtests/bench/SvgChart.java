package app.miniwallet.loadtests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line and bar charts as inline SVG, made here so that the report needs nothing from the network, neither when it is
 * made nor when it is opened.
 */
final class SvgChart {

    static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"};

    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 64;

    /** A line: y values at x = 0, 1, 2, ... (seconds). */
    record Line(String name, double[] values) {}

    /** One series of bars: a value per group. */
    record Bars(String name, double[] values) {}

    private SvgChart() {}

    static String lines(String title, String xLabel, String yLabel, List<Line> lines) {
        var maxX = lines.stream().mapToInt(line -> line.values().length).max().orElse(1) - 1;
        var maxY = lines.stream()
                .flatMapToDouble(line -> java.util.Arrays.stream(line.values()))
                .filter(Double::isFinite)
                .max()
                .orElse(1);
        var yTop = niceCeiling(maxY);
        var svg = open(title);
        var plotWidth = WIDTH - LEFT - RIGHT;
        var plotHeight = HEIGHT - TOP - BOTTOM;
        yAxis(svg, yLabel, 0, yTop, false);
        var xStep = niceStep(Math.max(1, maxX) / 8.0);
        for (double x = 0; x <= maxX; x += xStep) {
            var px = LEFT + plotWidth * (maxX == 0 ? 0 : x / maxX);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n",
                    px,
                    TOP + plotHeight + 16,
                    number(x)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"label\">%s</text>%n",
                LEFT + plotWidth / 2,
                TOP + plotHeight + 34,
                escape(xLabel)));
        for (int i = 0; i < lines.size(); i++) {
            var values = lines.get(i).values();
            var points = new StringBuilder();
            for (int x = 0; x < values.length; x++) {
                if (!Double.isFinite(values[x])) {
                    continue;
                }
                var px = LEFT + plotWidth * (maxX == 0 ? 0 : (double) x / maxX);
                var py = TOP + plotHeight * (1 - Math.min(values[x], yTop) / yTop);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            svg.append(String.format(
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n",
                    COLORS[i % COLORS.length], points.toString().strip()));
        }
        legend(svg, lines.stream().map(Line::name).toList());
        return svg.append("</svg>\n").toString();
    }

    /** Grouped bars; with {@code logY} the axis is logarithmic (latencies that span orders of magnitude). */
    static String bars(String title, String yLabel, List<String> groups, List<Bars> series, boolean logY) {
        var values = new ArrayList<Double>();
        series.forEach(bars -> {
            for (var value : bars.values()) {
                if (Double.isFinite(value) && value > 0) {
                    values.add(value);
                }
            }
        });
        var max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        var min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        var yBottom = logY ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
        var yTop = logY ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeiling(max);
        if (logY && yTop <= yBottom) {
            yTop = yBottom * 10;
        }
        var svg = open(title);
        var plotWidth = WIDTH - LEFT - RIGHT;
        var plotHeight = HEIGHT - TOP - BOTTOM;
        yAxis(svg, yLabel, yBottom, yTop, logY);
        var groupWidth = plotWidth / (double) Math.max(1, groups.size());
        var barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        for (int g = 0; g < groups.size(); g++) {
            var groupLeft = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series.size(); s++) {
                var value = series.get(s).values()[g];
                if (!Double.isFinite(value) || value <= 0) {
                    continue;
                }
                var fraction = logY
                        ? (Math.log10(value) - Math.log10(yBottom)) / (Math.log10(yTop) - Math.log10(yBottom))
                        : value / yTop;
                var height = plotHeight * Math.max(0, Math.min(1, fraction));
                var x = groupLeft + s * barWidth;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                        x,
                        TOP + plotHeight - height,
                        barWidth - 2,
                        height,
                        COLORS[s % COLORS.length],
                        escape(series.get(s).name()),
                        number(value)));
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"value\">%s</text>%n",
                        x + (barWidth - 2) / 2,
                        TOP + plotHeight - height - 3,
                        number(value)));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n",
                    LEFT + g * groupWidth + groupWidth / 2,
                    TOP + plotHeight + 16,
                    escape(groups.get(g))));
        }
        legend(svg, series.stream().map(Bars::name).toList());
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        var svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" class=\"chart\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"20\" text-anchor=\"middle\" class=\"title\">%s</text>%n",
                WIDTH / 2,
                escape(title)));
        return svg;
    }

    private static void yAxis(StringBuilder svg, String label, double bottom, double top, boolean log) {
        var plotWidth = WIDTH - LEFT - RIGHT;
        var plotHeight = HEIGHT - TOP - BOTTOM;
        var ticks = new ArrayList<Double>();
        if (log) {
            for (var value = bottom; value <= top * 1.0001; value *= 10) {
                ticks.add(value);
            }
        } else {
            var step = niceStep(top / 5);
            for (double value = 0; value <= top * 1.0001; value += step) {
                ticks.add(value);
            }
        }
        for (var value : ticks) {
            var fraction = log
                    ? (Math.log10(value) - Math.log10(bottom)) / (Math.log10(top) - Math.log10(bottom))
                    : value / top;
            var y = TOP + plotHeight * (1 - fraction);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>%n",
                    LEFT,
                    LEFT + plotWidth,
                    y,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>%n",
                    LEFT - 6,
                    y + 4,
                    number(value)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\" class=\"label\">%s</text>%n",
                TOP + plotHeight / 2,
                escape(label)));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>%n",
                LEFT,
                LEFT + plotWidth,
                TOP + plotHeight,
                TOP + plotHeight));
    }

    private static void legend(StringBuilder svg, List<String> names) {
        var x = LEFT;
        var y = HEIGHT - 14;
        for (int i = 0; i < names.size(); i++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>%n",
                    x,
                    y - 9,
                    COLORS[i % COLORS.length],
                    x + 14,
                    y,
                    escape(names.get(i))));
            x += 24 + names.get(i).length() * 7;
        }
    }

    static double niceCeiling(double value) {
        if (value <= 0 || !Double.isFinite(value)) {
            return 1;
        }
        var magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (var factor : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (factor * magnitude >= value) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        var magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (var factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * magnitude >= rough) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String number(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
