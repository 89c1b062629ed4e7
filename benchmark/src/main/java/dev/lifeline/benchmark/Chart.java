package dev.lifeline.benchmark;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's picture: recovery-start latency (p50, p99) against the throughput achieved at each offered rate, with
 * the response floor and the target above it; and end-to-end recovery latency (p50, p99) per concurrency.
 */
final class Chart {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 560;

    private Chart() {
    }

    static void write(Path png, List<OpenLoop.Result> starts, double floorMillis, double targetMillis,
                      List<AutomatedRecoveries.Result> recoveries) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, WIDTH, HEIGHT);
        startsChart(starts, floorMillis, targetMillis).draw(graphics, new Rectangle2D.Double(0, 0, WIDTH * 0.58, HEIGHT));
        recoveriesChart(recoveries).draw(graphics, new Rectangle2D.Double(WIDTH * 0.58, 0, WIDTH * 0.42, HEIGHT));
        graphics.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    static JFreeChart startsChart(List<OpenLoop.Result> starts, double floorMillis, double targetMillis) {
        XYSeries p50 = new XYSeries("p50");
        XYSeries p99 = new XYSeries("p99");
        for (OpenLoop.Result step : starts) {
            p50.add(step.achievedRate(), Math.max(1, step.latency().p50()));
            p99.add(step.achievedRate(), Math.max(1, step.latency().p99()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(p50);
        data.addSeries(p99);
        JFreeChart chart = ChartFactory.createXYLineChart("POST /api/v1/recoveries: latency against throughput",
                "answers per second (offered rate rising)", "latency, ms (log; from the due time)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(new LogarithmicAxis("latency, ms (log; from the due time)"));
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.addRangeMarker(marker(floorMillis, "response floor", Color.GRAY));
        plot.addRangeMarker(marker(targetMillis, "target p99 (floor + 50 ms)", Color.RED));
        return chart;
    }

    private static ValueMarker marker(double value, String label, Color color) {
        ValueMarker marker = new ValueMarker(value, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1, new float[]{6, 4}, 0));
        marker.setLabel(label);
        // Inside the plot, right-aligned above the line: the default anchor cuts the label at the left edge.
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return marker;
    }

    static JFreeChart recoveriesChart(List<AutomatedRecoveries.Result> recoveries) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (AutomatedRecoveries.Result run : recoveries) {
            String column = run.concurrency() + " at once";
            data.addValue(run.endToEnd().p50() / 1000, "p50", column);
            data.addValue(run.endToEnd().p99() / 1000, "p99", column);
        }
        JFreeChart chart = ChartFactory.createBarChart("Automated recovery, RecoveryRequested → PasswordReset",
                "concurrent recoveries", "seconds", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }
}
