using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite for one replica; PostgreSql when several replicas share state.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Empty with Sqlite means <c>dashboard.db</c> in the data directory.</summary>
    public string ConnectionString { get; set; } = "";

    public DatabaseProvider ProviderKind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new OptionErrors(DatabaseOptions.Section);
        errors.RequireOneOf("Provider", options.Provider, Enum.GetNames<DatabaseProvider>());
        if (string.Equals(options.Provider, nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("ConnectionString", "is empty; accepted values: an Npgsql connection string (Host=...;Database=...;Username=...) when Provider is PostgreSql.");
        }
        return errors.ToResult();
    }
}
