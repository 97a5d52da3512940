// Own CSV data in the exported script: the same rules as the page's reader (../../data/csv), written with
// the standard library's csv module. The file stays with the user; the script reads it from --csv.
import { CSV_LIMITS, CSV_TEST_FRACTION } from '../../data/csvLimits';

export const CSV_CODE = `CSV_MAX_ROWS, CSV_MAX_FEATURES, CSV_MAX_CLASSES = ${CSV_LIMITS.maxRows}, ${CSV_LIMITS.maxFeatures}, ${CSV_LIMITS.maxClasses}
CSV_TEST_FRACTION = ${CSV_TEST_FRACTION}


def is_number(cell):
    try:
        return math.isfinite(float(cell))
    except ValueError:
        return False


def csv_data(path, label, g):
    """Numeric feature columns and one label column (by name, or the last); a first row with any
    non-numeric cell is the header. Rows are shuffled, a share goes to the test split, and both splits
    are standardized with the training split's statistics."""
    if path is None:
        sys.exit("This network trains on your own CSV file: pass --csv FILE (and --label NAME unless the "
                 "label is the last column).")
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if any(cell.strip() for cell in r)]
    if not rows:
        sys.exit(path + ": no rows")
    header = None if all(is_number(c) for c in rows[0]) else [c.strip() for c in rows.pop(0)]
    if label is None:
        col = len(rows[0]) - 1
    elif header is not None and label in header:
        col = header.index(label)
    else:
        sys.exit("no column named " + repr(label))
    if not 2 <= len(rows) <= CSV_MAX_ROWS or len(rows[0]) - 1 > CSV_MAX_FEATURES:
        sys.exit("the file must have 2 to %d rows and at most %d feature columns" % (CSV_MAX_ROWS, CSV_MAX_FEATURES))
    feats, names = [], []
    for r in rows:
        cells = [c.strip() for c in r]
        if len(cells) != len(rows[0]) or not all(is_number(c) for j, c in enumerate(cells) if j != col):
            sys.exit("every row needs the same number of numeric cells: " + ",".join(r))
        feats.append([float(c) for j, c in enumerate(cells) if j != col])
        names.append(cells[col])
    classes = sorted(set(names), key=lambda s: (0, float(s), s) if is_number(s) else (1, 0.0, s))
    if not 2 <= len(classes) <= CSV_MAX_CLASSES:
        sys.exit("the label column needs 2 to %d classes, found %d" % (CSV_MAX_CLASSES, len(classes)))
    x = torch.tensor(feats, dtype=torch.float64)
    y = torch.tensor([classes.index(s) for s in names])
    order = torch.randperm(len(rows), generator=g)
    n_test = max(1, math.floor(len(rows) * CSV_TEST_FRACTION + 0.5))
    te, tr = order[:n_test], order[n_test:]
    x_tr, x_te = standardize(x[tr], x[te])
    return x_tr, y[tr], x_te, y[te], len(classes)


def standardize(x_train, x_test):
    """Both splits shifted and scaled by the TRAINING split's per-feature mean and population std."""
    mean = x_train.mean(0)
    std = x_train.std(0, unbiased=False)
    std[std == 0] = 1  # a constant feature is left unscaled
    return ((x_train - mean) / std).float(), ((x_test - mean) / std).float()


`;
