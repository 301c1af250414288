using System.Text.Json;
using System.Text.Json.Serialization;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>
/// The answers' settings of <see cref="PredictionJsonContext"/> without its number handling.
/// Reading named floating-point literals (so the validator can name a NaN field) also makes the
/// serializer refuse the source generator's fast path for writing and walk every answer through
/// its metadata converters instead. Without it, the generated code writes an answer straight to
/// the writer; the text is the same for finite numbers, and <see cref="PredictionJsonResult{T}"/>
/// falls back to <see cref="PredictionJsonContext"/> for an answer holding NaN or an infinity.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    MaxDepth = 16)]
[JsonSerializable(typeof(BuildTimeResponse))]
[JsonSerializable(typeof(BuildTimeBatchResponse))]
[JsonSerializable(typeof(FailureRiskResponse))]
[JsonSerializable(typeof(FailureRiskBatchResponse))]
[JsonSerializable(typeof(TestSelectionResponse))]
[JsonSerializable(typeof(TestSelectionBatchResponse))]
internal sealed partial class PredictionAnswerJsonContext : JsonSerializerContext;
