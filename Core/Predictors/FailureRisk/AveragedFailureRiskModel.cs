using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

/// <summary>
/// The mean of the network's and the gradient-boosted trees' probabilities. The two learn
/// different shapes (smooth scaled interactions against axis-aligned splits) and their errors
/// differ per project, so their average can rank better than either; the trainer makes it
/// champion only when the validation part says so. Each member is saved in its own folder.
/// </summary>
public sealed class AveragedFailureRiskModel : FailureRiskModel
{
    public const string NetworkFolder = "mlp";
    public const string TreesFolder = "fasttree";

    private readonly FailureRiskModel _network;
    private readonly FailureRiskModel _trees;

    internal AveragedFailureRiskModel(FailureRiskModel network, FailureRiskModel trees, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
        : base(calibration with { Averaged = true }, version, dataSource)
    {
        if (!network.Inputs.Names.SequenceEqual(Inputs.Names) || !trees.Inputs.Names.SequenceEqual(Inputs.Names))
        {
            throw new InvalidDataException($"Failure-risk version {version}: the averaged members read other columns than the average ({network.Inputs.Count}, {trees.Inputs.Count} and {Inputs.Count}); retrain it.");
        }
        _network = network;
        _trees = trees;
    }

    public override string Trainer => $"average({_network.Trainer}, {_trees.Trainer})";

    public override IReadOnlyList<double> PredictFromInputs(IReadOnlyList<float[]> rows)
    {
        var network = _network.PredictFromInputs(rows);
        var trees = _trees.PredictFromInputs(rows);
        var probabilities = new double[rows.Count];
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = (network[i] + trees[i]) / 2;
        }
        return probabilities;
    }

    public override void Save(string directory)
    {
        SaveCalibration(directory);
        _network.Save(Path.Combine(directory, NetworkFolder));
        _trees.Save(Path.Combine(directory, TreesFolder));
    }

    internal override FailureRiskModel WithIdentity(ModelVersionId version, string dataSource) => new AveragedFailureRiskModel(_network, _trees, Calibration, version, dataSource);

    internal override FailureRiskModel WithCalibration(FailureRiskCalibration calibration) => new AveragedFailureRiskModel(_network, _trees, calibration, Version, DataSource);

    internal static AveragedFailureRiskModel Load(string directory, FailureRiskCalibration calibration, ModelVersionId version, string dataSource) => new(
        FailureRiskModel.Load(Path.Combine(directory, NetworkFolder), version, dataSource),
        FailureRiskModel.Load(Path.Combine(directory, TreesFolder), version, dataSource),
        calibration, version, dataSource);
}
