package org.returnsbridge.deploy;

import java.util.List;

/**
 * The part of Grafana's provisioning files docker/grafana/provisioning uses; {@link StrictYaml} refuses any other
 * field. A data source has no password or secureJsonData here: Prometheus in compose.yaml asks for none.
 */
final class GrafanaModel {

    private GrafanaModel() {}

    record DataSources(int apiVersion, List<DataSource> datasources) {}

    record DataSource(String name, String uid, String type, String access, String url, boolean isDefault, boolean editable) {}

    record DashboardProviders(int apiVersion, List<Provider> providers) {}

    record Provider(String name, String folder, String type, boolean disableDeletion, boolean allowUiUpdates,
                    ProviderOptions options) {}

    record ProviderOptions(String path) {}
}
