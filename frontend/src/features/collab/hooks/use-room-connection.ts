import { useEffect, useReducer, useState } from "react";

import { connectionReducer, initialConnection } from "../connection-state";
import { type DocumentName, RoomConnection } from "../room-connection";

/** Open the room's document while the component is mounted; the state drives the indicator. */
export function useRoomConnection(roomId: string, document: DocumentName = "code", enabled = true) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [state, dispatch] = useReducer(connectionReducer, initialConnection);

  useEffect(() => {
    if (!enabled) return;
    const created = new RoomConnection(roomId, document);
    const off = created.on(dispatch);
    const online = () => dispatch({ type: "browser", online: true });
    const offline = () => dispatch({ type: "browser", online: false });
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    setConnection(created);
    created.connect();
    return () => {
      off();
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      created.destroy();
      setConnection(null);
    };
  }, [roomId, document, enabled]);

  return { connection, state };
}
