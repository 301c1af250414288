using System.Globalization;

namespace MlOpsDashboard.Core.Predictors.Importers;

/// <summary>
/// A delimited text file read by header name. The research CSVs hold only numbers and simple
/// names (no quoted delimiters), so splitting lines is enough; a malformed cell is reported with
/// its file, line and column instead of turning into a silent zero.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string source, Dictionary<string, int> columns, List<(int Line, string[] Cells)> rows)
    {
        Source = source;
        _columns = columns;
        Rows = rows;
    }

    public string Source { get; }

    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    public static CsvTable Read(TextReader reader, string source, char delimiter)
    {
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{source}: the file is empty; expected a header line.");
        var names = header.Split(delimiter).Select(n => n.Trim().Trim('"')).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            columns.TryAdd(names[i], i);
        }
        var rows = new List<(int, string[])>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var cells = line.Split(delimiter);
            if (cells.Length != names.Length)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: {cells.Length} cells, the header has {names.Length}.");
            }
            rows.Add((lineNumber, cells));
        }
        return new CsvTable(source, columns, rows);
    }

    public void Require(params string[] names)
    {
        var missing = names.Where(n => !_columns.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{Source}: missing column(s) {string.Join(", ", missing)}.");
        }
    }

    public bool Has(string name) => _columns.ContainsKey(name);

    public string Text((int Line, string[] Cells) row, string name) => row.Cells[_columns[name]].Trim().Trim('"');

    /// <summary>A number, or <paramref name="fallback"/> when the column is absent or the cell empty.</summary>
    public double Number((int Line, string[] Cells) row, string name, double fallback = 0)
    {
        if (!_columns.TryGetValue(name, out var index))
        {
            return fallback;
        }
        var text = row.Cells[index].Trim().Trim('"');
        if (text.Length == 0 || text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return fallback;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{Source}:{row.Line}: column '{name}' holds '{text}', expected a number.");
    }
}
