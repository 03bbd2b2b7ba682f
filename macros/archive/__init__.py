"""The archive: the register of archived issues, immutability and errata, snapshots (BagIt
packages), their verification, citations, and the /luu-tru/ page. Uses the records layer only."""
