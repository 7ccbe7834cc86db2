"""FerretDB (the Atlas stand-in) through pymongo: insert, find and a unique index."""

import uuid

import pytest
from pymongo import ASCENDING, MongoClient
from pymongo.errors import DuplicateKeyError

pytestmark = pytest.mark.integration


@pytest.fixture
def collection(ferretdb_server):
    client = MongoClient(ferretdb_server.url, serverSelectionTimeoutMS=10_000)
    db = client[f"smoke_{uuid.uuid4().hex[:8]}"]
    yield db["devices"]
    client.drop_database(db.name)
    client.close()


def test_insert_find_and_index(collection):
    collection.insert_many(
        [
            {"device_id": "d-1", "building": "b-1", "threshold": 30},
            {"device_id": "d-2", "building": "b-1", "threshold": 25},
            {"device_id": "d-3", "building": "b-2", "threshold": 40},
        ]
    )
    found = list(collection.find({"building": "b-1"}, {"_id": 0}).sort("threshold", ASCENDING))
    assert [d["device_id"] for d in found] == ["d-2", "d-1"]

    name = collection.create_index([("device_id", ASCENDING)], unique=True)
    assert name in collection.index_information()
    with pytest.raises(DuplicateKeyError):
        collection.insert_one({"device_id": "d-1", "building": "b-3"})
