from . import semplio_branch_transfer
