using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>Structured (JSON) log lines as the platform's services write them, including their crashes.</summary>
internal static class ServiceLogs
{
    public static string Line(V1Pod pod, V1Container container, DateTime now, bool latencySpike, Random random)
    {
        var app = Labels.Of(pod.Metadata, "app.kubernetes.io/name") ?? container.Name;
        var line = new JsonObject { ["ts"] = now.ToString("O", CultureInfo.InvariantCulture), ["service"] = app };
        switch (app)
        {
            case "model-serving":
                var latency = latencySpike ? 800 + random.Next(1700) : 18 + random.Next(45);
                line["level"] = latencySpike && latency > 1500 ? "warning" : "info";
                line["msg"] = latencySpike && latency > 1500 ? "slow prediction: cpu throttled (cfs quota)" : "prediction served";
                line["route"] = random.Next(3) switch { 0 => "/api/v1/build-optimizer/predict", 1 => "/api/v1/failure-predictor/predict", _ => "/api/v1/test-intelligence/select" };
                line["latency_ms"] = latency;
                line["model_version"] = container.Env?.FirstOrDefault(e => e.Name == "MODEL_VERSION")?.Value ?? "from-configmap";
                line["status"] = 200;
                break;
            case "prometheus":
                line["level"] = "info";
                line["msg"] = "Completed scrape";
                line["duration_ms"] = 3 + random.Next(20);
                break;
            default:
                line["level"] = "info";
                line["msg"] = "request handled";
                line["path"] = random.Next(2) == 0 ? "/healthz" : "/";
                line["status"] = 200;
                line["duration_ms"] = 1 + random.Next(30);
                break;
        }
        return line.ToJsonString();
    }

    public static string[] CrashLines(DateTimeOffset now) =>
    [
        Json(now, "info", "starting model server", "\"port\":8080"),
        Json(now, "info", "loading model from registry", "\"uri\":\"models:/failure-risk/production\""),
        Json(now, "error", "model load failed", "\"error\":\"RegistryError: model version not found (HTTP 404)\""),
        "Traceback (most recent call last):",
        "  File \"/app/serve.py\", line 42, in <module>",
        "    model = registry.load(os.environ[\"MODEL_VERSION\"])",
        "RegistryError: model version not found (HTTP 404)",
    ];

    public static string[] OomLines(DateTimeOffset now) =>
    [
        Json(now, "info", "starting model server", "\"port\":8080"),
        Json(now, "info", "warming up batch cache", "\"batch_size\":4096"),
        Json(now, "warning", "memory usage high", "\"rss_bytes\":5905580032,\"limit_bytes\":6442450944"),
    ];

    private static string Json(DateTimeOffset now, string level, string message, string extra) =>
        $"{{\"ts\":\"{now.UtcDateTime:O}\",\"level\":\"{level}\",\"msg\":\"{message}\",{extra}}}";
}
