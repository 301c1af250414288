namespace MlOpsDashboard.Dashboard.Components.Pages.Pipelines;

/// <summary>Inline styles (the CSP allows inline styles, not scripts) so the page needs no stylesheet of its own.</summary>
internal static class LogStyles
{
    public const string Log = "font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 12px; line-height: 1.45; white-space: pre-wrap; word-break: break-all; max-height: 420px; overflow: auto; padding: 8px; margin: 0; border-radius: 4px; background: var(--mud-palette-background-gray); color: var(--mud-palette-text-primary);";

    public const string LineNumber = "color: var(--mud-palette-text-secondary); user-select: none;";

    public const string FailingStep = "background: rgba(229, 57, 53, 0.08);";

    public const string SelectedRun = "background: rgba(30, 136, 229, 0.10);";
}
