from . import test_branch_assignment
