using MudBlazor;

namespace MlOpsDashboard.Dashboard.Components.Layout;

public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1565c0", AppbarBackground = "#0d47a1" },
        PaletteDark = new PaletteDark { Primary = "#64b5f6", AppbarBackground = "#1a1a27" },
    };
}
