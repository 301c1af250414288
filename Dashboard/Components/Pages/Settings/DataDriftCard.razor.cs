using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Predictors.Serving.Traffic;

namespace MlOpsDashboard.Dashboard.Components.Pages.Settings;

public sealed partial class DataDriftCard
{
    private string _feature = DataDriftShift.Default.Feature;
    private double _scale = DataDriftShift.Default.Scale;
    private double _offset = DataDriftShift.Default.Offset;
    private string? _error;

    [Inject] public required PredictionTrafficGenerator Traffic { get; init; }

    /// <summary>Decided once by the Settings page for all its cards.</summary>
    [Parameter] public bool CanOperate { get; set; }

    private void Trigger()
    {
        if (!CanOperate)
        {
            return;
        }
        try
        {
            Traffic.StartDrift(new DataDriftShift(_feature, _scale, _offset));
            _error = null;
        }
        catch (ArgumentException e)
        {
            _error = e.Message;
        }
    }

    private void Clear()
    {
        if (CanOperate)
        {
            Traffic.StopDrift();
        }
    }
}
