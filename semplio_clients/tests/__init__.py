from . import test_branch_assignment
from . import test_sales_history
from . import test_duplicates
from . import test_deletion
from . import test_merge
