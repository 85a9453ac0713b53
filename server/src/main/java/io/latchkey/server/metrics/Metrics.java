package io.latchkey.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;

/** The one Prometheus registry: JVM, connection pool and domain meters; HTTP timings are added by the server. */
public final class Metrics {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    private Metrics() {
    }

    public static PrometheusMeterRegistry create(DataSource dataSource, DomainMeters domain) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindPool(dataSource, registry);
        domain.bindTo(registry);
        return registry;
    }

    /** HikariCP publishes its own pool meters (hikaricp_connections_*) once given the registry. */
    private static void bindPool(DataSource dataSource, PrometheusMeterRegistry registry) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).setMetricRegistry(registry);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("connection pool metrics are not available: {}", e.getMessage());
        }
    }
}
