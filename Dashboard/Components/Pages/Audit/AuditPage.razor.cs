using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Delivery.Audit;

namespace MlOpsDashboard.Dashboard.Components.Pages.Audit;

/// <summary>Every promote and rollback, filterable, exportable as CSV through the audit API.</summary>
public sealed partial class AuditPage
{
    private IReadOnlyList<AuditEntry> _entries = [];
    private string? _user;
    private string? _application;
    private AuditAction? _action;
    private AuditOutcome? _outcome;
    private DateTime? _from;
    private DateTime? _to;
    private bool _loading;

    [SupplyParameterFromQuery(Name = "application")]
    public string? ApplicationFromQuery { get; set; }

    [Inject]
    public required AuditLog Audit { get; init; }

    protected override Task OnInitializedAsync()
    {
        _application = ApplicationFromQuery;
        return LoadAsync();
    }

    private AuditQuery Query => new()
    {
        User = _user,
        Application = _application,
        Action = _action,
        Outcome = _outcome,
        From = _from is { } from ? new DateTimeOffset(from.Date, TimeZoneInfo.Local.GetUtcOffset(from.Date)) : null,
        To = _to is { } to ? new DateTimeOffset(to.Date.AddDays(1), TimeZoneInfo.Local.GetUtcOffset(to.Date)) : null,
    };

    private string CsvLink
    {
        get
        {
            var q = Query;
            var parts = new List<string>();
            void Add(string key, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    parts.Add($"{key}={Uri.EscapeDataString(value)}");
                }
            }
            Add("user", q.User);
            Add("application", q.Application);
            Add("action", q.Action?.ToString());
            Add("outcome", q.Outcome?.ToString());
            Add("from", q.From?.ToString("O"));
            Add("to", q.To?.ToString("O"));
            return "/api/v1/audit/export.csv" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
        }
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _entries = await Audit.QueryAsync(Query);
        }
        finally
        {
            _loading = false;
        }
    }
}
